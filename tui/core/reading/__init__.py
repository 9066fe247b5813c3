"""What reading one article needs beyond its text: where the cursor can go."""
