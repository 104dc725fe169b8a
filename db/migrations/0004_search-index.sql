-- Full-text search, in two worlds kept apart in the index itself: search_full holds every record as
-- researchers see it; search_shielded holds what a journalist or a public export may see (protected
-- names already replaced by pseudonyms, restricted sources and their quotes left out). Both are
-- contentless: they hold spelling-blind word keys (server/values/word-key.ts), never the text.
-- A document's rowid is its record id * 8 + its kind (0 incident, 1 person, 2 organisation,
-- 3 location, 4 source, 5 citation).
CREATE VIRTUAL TABLE `search_full` USING fts5(name, body, content='', contentless_delete=1);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_shielded` USING fts5(name, body, content='', contentless_delete=1);
--> statement-breakpoint
-- How many documents hold each word (the bench reads the most common words from it).
CREATE VIRTUAL TABLE `search_full_vocabulary` USING fts5vocab(search_full, row);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_shielded_vocabulary` USING fts5vocab(search_shielded, row);
--> statement-breakpoint
-- Documents to re-index, filled by the triggers below whatever code wrote the rows, and emptied in
-- the same transaction (server/search/indexer.ts).
CREATE TABLE `search_queue` (`docid` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
-- What the shielded world was built with: the protected names version and their word keys.
CREATE TABLE `search_state` (`key` text PRIMARY KEY NOT NULL, `value` text NOT NULL);
--> statement-breakpoint
INSERT INTO `search_state` (`key`, `value`) VALUES ('protected-names-version', '-1'), ('protected-names', '[]');
--> statement-breakpoint
CREATE TRIGGER `search_incidents_ai` AFTER INSERT ON `incidents` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_incident_act_types_ai` AFTER INSERT ON `incident_act_types` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_incident_locations_ai` AFTER INSERT ON `incident_locations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_involvements_ai` AFTER INSERT ON `involvements` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_persons_ai` AFTER INSERT ON `persons` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 1);
END;
--> statement-breakpoint
CREATE TRIGGER `search_organisations_ai` AFTER INSERT ON `organisations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 2);
END;
--> statement-breakpoint
CREATE TRIGGER `search_locations_ai` AFTER INSERT ON `locations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 3);
END;
--> statement-breakpoint
CREATE TRIGGER `search_alternative_names_ai` AFTER INSERT ON `alternative_names` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) SELECT NEW.person_id * 8 + 1 WHERE NEW.person_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT NEW.organisation_id * 8 + 2 WHERE NEW.organisation_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT NEW.location_id * 8 + 3 WHERE NEW.location_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM involvements WHERE person_id = NEW.person_id OR organisation_id = NEW.organisation_id;
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM incident_locations WHERE location_id = NEW.location_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_sources_ai` AFTER INSERT ON `sources` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 4);
END;
--> statement-breakpoint
CREATE TRIGGER `search_citations_ai` AFTER INSERT ON `citations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 5);
END;
--> statement-breakpoint
CREATE TRIGGER `search_incidents_au` AFTER UPDATE ON `incidents` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_incident_act_types_au` AFTER UPDATE ON `incident_act_types` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.incident_id * 8);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_incident_locations_au` AFTER UPDATE ON `incident_locations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.incident_id * 8);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_involvements_au` AFTER UPDATE ON `involvements` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.incident_id * 8);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_persons_au` AFTER UPDATE ON `persons` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 1);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 1);
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM involvements WHERE person_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_organisations_au` AFTER UPDATE ON `organisations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 2);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 2);
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM involvements WHERE organisation_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_locations_au` AFTER UPDATE ON `locations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 3);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 3);
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM incident_locations WHERE location_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_alternative_names_au` AFTER UPDATE ON `alternative_names` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) SELECT OLD.person_id * 8 + 1 WHERE OLD.person_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT OLD.organisation_id * 8 + 2 WHERE OLD.organisation_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT OLD.location_id * 8 + 3 WHERE OLD.location_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM involvements WHERE person_id = OLD.person_id OR organisation_id = OLD.organisation_id;
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM incident_locations WHERE location_id = OLD.location_id;
  INSERT OR IGNORE INTO search_queue (docid) SELECT NEW.person_id * 8 + 1 WHERE NEW.person_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT NEW.organisation_id * 8 + 2 WHERE NEW.organisation_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT NEW.location_id * 8 + 3 WHERE NEW.location_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM involvements WHERE person_id = NEW.person_id OR organisation_id = NEW.organisation_id;
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM incident_locations WHERE location_id = NEW.location_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_sources_au` AFTER UPDATE ON `sources` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 4);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 4);
  INSERT OR IGNORE INTO search_queue (docid) SELECT id * 8 + 5 FROM citations WHERE source_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_citations_au` AFTER UPDATE ON `citations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 5);
  INSERT OR IGNORE INTO search_queue (docid) VALUES (NEW.id * 8 + 5);
END;
--> statement-breakpoint
CREATE TRIGGER `search_incidents_ad` AFTER DELETE ON `incidents` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_incident_act_types_ad` AFTER DELETE ON `incident_act_types` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_incident_locations_ad` AFTER DELETE ON `incident_locations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_involvements_ad` AFTER DELETE ON `involvements` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.incident_id * 8);
END;
--> statement-breakpoint
CREATE TRIGGER `search_persons_ad` AFTER DELETE ON `persons` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 1);
END;
--> statement-breakpoint
CREATE TRIGGER `search_organisations_ad` AFTER DELETE ON `organisations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 2);
END;
--> statement-breakpoint
CREATE TRIGGER `search_locations_ad` AFTER DELETE ON `locations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 3);
END;
--> statement-breakpoint
CREATE TRIGGER `search_alternative_names_ad` AFTER DELETE ON `alternative_names` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) SELECT OLD.person_id * 8 + 1 WHERE OLD.person_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT OLD.organisation_id * 8 + 2 WHERE OLD.organisation_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT OLD.location_id * 8 + 3 WHERE OLD.location_id IS NOT NULL;
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM involvements WHERE person_id = OLD.person_id OR organisation_id = OLD.organisation_id;
  INSERT OR IGNORE INTO search_queue (docid) SELECT incident_id * 8 FROM incident_locations WHERE location_id = OLD.location_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_sources_ad` AFTER DELETE ON `sources` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 4);
END;
--> statement-breakpoint
CREATE TRIGGER `search_citations_ad` AFTER DELETE ON `citations` BEGIN
  INSERT OR IGNORE INTO search_queue (docid) VALUES (OLD.id * 8 + 5);
END;
