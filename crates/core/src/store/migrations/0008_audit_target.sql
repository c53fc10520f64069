-- Ideaboard schema 8: the audit log by what it acted on, so the moderation queue
-- shows each item's latest team action (who hid it, who dismissed its reports)
-- with one index probe instead of a scan of the whole log.
CREATE INDEX audit_log_target ON audit_log(target, seq);
