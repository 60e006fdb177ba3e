-- sitrep store, schema version 2: place mentions say whether they name an
-- organisation's seat ("the London-based monitor"), which is never where an
-- event happened.
ALTER TABLE place_mentions ADD COLUMN seat INTEGER NOT NULL DEFAULT 0;
