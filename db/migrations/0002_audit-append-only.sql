-- The audit trail is append-only: the database itself refuses to change or remove an entry.
CREATE TRIGGER `audit_entries_no_update` BEFORE UPDATE ON `audit_entries` BEGIN
  SELECT RAISE(ABORT, 'audit entries are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_entries_no_delete` BEFORE DELETE ON `audit_entries` BEGIN
  SELECT RAISE(ABORT, 'audit entries are append-only');
END;
--> statement-breakpoint
-- Protected names: any change to persons or alternative names bumps this counter, so the cache
-- of names to replace in free text is rebuilt before the next read that needs it.
INSERT INTO `change_counters` (`name`, `value`) VALUES ('protected-names', 0);
--> statement-breakpoint
CREATE TRIGGER `persons_names_ai` AFTER INSERT ON `persons` BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'protected-names';
END;
--> statement-breakpoint
CREATE TRIGGER `persons_names_au` AFTER UPDATE ON `persons` BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'protected-names';
END;
--> statement-breakpoint
CREATE TRIGGER `persons_names_ad` AFTER DELETE ON `persons` BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'protected-names';
END;
--> statement-breakpoint
CREATE TRIGGER `alternative_names_ai` AFTER INSERT ON `alternative_names` BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'protected-names';
END;
--> statement-breakpoint
CREATE TRIGGER `alternative_names_au` AFTER UPDATE ON `alternative_names` BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'protected-names';
END;
--> statement-breakpoint
CREATE TRIGGER `alternative_names_ad` AFTER DELETE ON `alternative_names` BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'protected-names';
END;
