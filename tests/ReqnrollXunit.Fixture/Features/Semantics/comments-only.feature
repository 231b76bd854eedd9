# Only a comment: Reqnroll's generator produces nothing for a file without a Feature.
