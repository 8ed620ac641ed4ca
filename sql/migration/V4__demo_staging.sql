-- Staging table of the reference `demo` job. The primary key makes a double write fail loudly.
CREATE TABLE demo_staging (
    business_date DATE        NOT NULL,
    item_no       INTEGER     NOT NULL,
    payload       VARCHAR(100) NOT NULL,
    job_execution_id BIGINT   NOT NULL,
    PRIMARY KEY (business_date, item_no)
);
