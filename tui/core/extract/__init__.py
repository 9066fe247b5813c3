"""Who said what: quotes, speakers and named people, in pure Python."""
