-- Scheduled jobs (issue 17): an operator's settings per job, a claim per job (or per job and
-- server) that only one server wins at a time, and the history of runs (bounded by retention).

create sequence job_run_SEQ start with 1 increment by 50;

create table job (
    name varchar(64) not null,
    enabled boolean not null,
    schedule varchar(64) not null,
    updated timestamp(6) with time zone not null,
    primary key (name)
);

create table job_claim (
    job varchar(64) not null,
    holder varchar(255) not null,
    next_due timestamp(6) with time zone,
    claimed_by varchar(255),
    claimed_until timestamp(6) with time zone,
    primary key (job, holder)
);

create table job_run (
    id bigint not null,
    job varchar(64) not null,
    node varchar(255) not null,
    started timestamp(6) with time zone not null,
    duration_ms bigint not null,
    result varchar(16) not null,
    message varchar(2000),
    primary key (id)
);

create index job_run_job_started
   on job_run (job, started);
