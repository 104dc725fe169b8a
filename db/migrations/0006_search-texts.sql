-- The text each search document was indexed from, so a hit's snippet is cut from exactly what its
-- world indexed, read by docid, instead of rebuilding the document from its records on every
-- search. The full world's text is always here; the shielded world's is the same text ('same'),
-- its own (names already replaced: 'own'), or absent ('none': a restricted source and its quotes).
CREATE TABLE `search_texts` (
  `docid` integer PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `body` text NOT NULL,
  `shielded` text NOT NULL CHECK (`shielded` IN ('same', 'own', 'none')),
  `shielded_name` text,
  `shielded_body` text,
  CHECK ((`shielded` = 'own') = (`shielded_name` IS NOT NULL AND `shielded_body` IS NOT NULL))
);
--> statement-breakpoint
-- Documents indexed before this table existed have no text yet: queue them all, and the next write
-- or search re-indexes them (server/search/indexer.ts), text included.
INSERT OR IGNORE INTO `search_queue` (`docid`)
  SELECT id * 8 FROM incidents UNION ALL SELECT id * 8 + 1 FROM persons UNION ALL SELECT id * 8 + 2 FROM organisations
  UNION ALL SELECT id * 8 + 3 FROM locations UNION ALL SELECT id * 8 + 4 FROM sources UNION ALL SELECT id * 8 + 5 FROM citations;
