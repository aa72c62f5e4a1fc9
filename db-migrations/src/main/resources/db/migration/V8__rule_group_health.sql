-- Alerting: how each rule group's last evaluation went, written by the replica that owns the group after
-- every iteration (in the same transaction as its alerts, under its lease), so that any replica answers
-- GET /api/v1/rules for every group.
-- rules: one object per rule, in the group's order:
--   {"name": "...", "health": "ok"|"err"|"unknown", "lastError": "...", "evaluationTime": seconds,
--    "lastEvaluation": "RFC 3339"}
CREATE TABLE rule_group_health (
    group_key          text             PRIMARY KEY,
    last_evaluation    timestamptz      NOT NULL,
    evaluation_seconds double precision NOT NULL,
    rules              jsonb            NOT NULL,
    updated_at         timestamptz      NOT NULL DEFAULT now()
);
