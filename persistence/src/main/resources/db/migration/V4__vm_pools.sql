-- VM pools (issue 16): pools of ready VMs cloned from a template, their VMs, and the events
-- vmpooler's metrics are computed from. Portable SQL (H2 and PostgreSQL); states and event kinds
-- are varchar holding the enum's name.

create sequence vm_pool_SEQ start with 1 increment by 50;

create sequence pool_vm_SEQ start with 1 increment by 50;

create sequence pool_event_SEQ start with 1 increment by 50;

create table vm_pool (
    id bigint not null,
    version bigint not null,
    name varchar(64) not null,
    template varchar(64) not null,
    pool_size integer not null,
    default_lifetime_hours integer not null,
    max_lifetime_hours integer not null,
    compute_pool varchar(64),
    host varchar(64),
    domain_suffix varchar(253),
    created timestamp(6) with time zone not null,
    clone_failures integer not null,
    retry_after timestamp(6) with time zone,
    last_failure varchar(2000),
    primary key (id),
    constraint vm_pool_name unique (name)
);

create table vm_pool_alias (
    pool_id bigint not null,
    alias_name varchar(64) not null,
    primary key (pool_id, alias_name),
    constraint vm_pool_alias_name unique (alias_name),
    constraint vm_pool_alias_pool foreign key (pool_id) references vm_pool (id)
);

create table pool_vm (
    id bigint not null,
    version bigint not null,
    pool_id bigint not null,
    hostname varchar(64) not null,
    host varchar(64),
    template varchar(64) not null,
    state varchar(16) not null,
    reason varchar(2000),
    token varchar(32),
    owner varchar(64),
    created timestamp(6) with time zone not null,
    ready_at timestamp(6) with time zone,
    checked_out timestamp(6) with time zone,
    lifetime_hours integer,
    primary key (id),
    constraint pool_vm_hostname unique (hostname),
    constraint pool_vm_pool foreign key (pool_id) references vm_pool (id)
);

create index pool_vm_pool_state on pool_vm (pool_id, state);

create index pool_vm_token on pool_vm (token);

create table pool_vm_tag (
    vm_id bigint not null,
    tag_key varchar(64) not null,
    tag_value varchar(255) not null,
    primary key (vm_id, tag_key),
    constraint pool_vm_tag_vm foreign key (vm_id) references pool_vm (id)
);

create table pool_event (
    id bigint not null,
    pool varchar(64) not null,
    hostname varchar(64),
    kind varchar(16) not null,
    time timestamp(6) with time zone not null,
    duration_ms bigint,
    detail varchar(2000),
    primary key (id)
);

create index pool_event_time on pool_event (time);
