-- Incidents by the days they may have happened on, as integer day numbers (julian day, floored)
-- in an R*Tree: "which incidents overlap 2013-06-15" then reads the few that do, instead of
-- every incident. rtree_i32 keeps the numbers exact. Kept in step by the triggers below.
CREATE VIRTUAL TABLE `incident_spans` USING rtree_i32(id, earliest_day, latest_day);
--> statement-breakpoint
INSERT INTO `incident_spans` (id, earliest_day, latest_day)
  SELECT id, CAST(julianday(date_earliest) AS INTEGER), CAST(julianday(date_latest) AS INTEGER) FROM incidents;
--> statement-breakpoint
CREATE TRIGGER `incident_spans_ai` AFTER INSERT ON `incidents` BEGIN
  INSERT INTO incident_spans (id, earliest_day, latest_day) VALUES (NEW.id, CAST(julianday(NEW.date_earliest) AS INTEGER), CAST(julianday(NEW.date_latest) AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `incident_spans_au` AFTER UPDATE OF date_earliest, date_latest ON `incidents` BEGIN
  UPDATE incident_spans SET earliest_day = CAST(julianday(NEW.date_earliest) AS INTEGER), latest_day = CAST(julianday(NEW.date_latest) AS INTEGER) WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `incident_spans_ad` AFTER DELETE ON `incidents` BEGIN
  DELETE FROM incident_spans WHERE id = OLD.id;
END;
