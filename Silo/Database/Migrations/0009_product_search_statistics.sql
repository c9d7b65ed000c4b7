-- How many products a q search matches is estimated from the statistics of products_search's expression
-- (the three searched fields joined, migration 0005): the share of its histogram's values that contain q.
-- At the default statistics target that histogram holds ~100 values, so a word in 4 % of the names is
-- seen 1 to 5 times and estimated anywhere from 1,000 to 5,000 matches; the plan of q + category_id then
-- flips between reading products in number order until the page is full (2.5 ms for the first page) and
-- intersecting the trigram and category bitmaps and sorting every match (11 ms), depending on the last
-- ANALYZE's sample. 500 values estimate such a word within ~20 % (4,321 for 3,965 at 100,000 products).
-- Costs: planning a q statement matches q against every histogram value (0.2-0.3 ms instead of 0.1-0.2 ms),
-- and ANALYZE samples 150,000 rows of products instead of 30,000 (2.9 s instead of 1.1 s at 100,000
-- products, in the background). A target of 1,000 estimated no better for the plans that matter and
-- planned q statements in 0.35-0.6 ms.
-- Re-running this is harmless: the target is set, and ANALYZE recomputes the statistics with it.
ALTER INDEX IF EXISTS products_search ALTER COLUMN 1 SET STATISTICS 500;
ANALYZE products;
