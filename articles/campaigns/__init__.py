"""专题: a campaign's page, its rules for which stories belong to it, and its coverage matrix."""
