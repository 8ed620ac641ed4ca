-- Every PlantSync process (server node or CLI run) while it lives: it beats here every few seconds. A node whose beat
-- is older than the threshold is dead, and the executions it owned are recovered by a live node.
CREATE TABLE plantsync_node (
    node_id       VARCHAR(200) PRIMARY KEY,
    host          VARCHAR(200) NOT NULL,
    pid           BIGINT       NOT NULL,
    server        BOOLEAN      NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    heartbeat_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    stopped_at    TIMESTAMPTZ
);

-- Which node runs an execution. released_reason SHUTDOWN: the node stopped it at a chunk boundary while shutting
-- down, so a live node may restart it by the job's recovery policy.
CREATE TABLE execution_owner (
    job_execution_id BIGINT       PRIMARY KEY,
    node_id          VARCHAR(200) NOT NULL,
    claimed_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    released_reason  VARCHAR(20)  CHECK (released_reason IN ('SHUTDOWN'))
);
CREATE INDEX execution_owner_node_idx ON execution_owner (node_id);
