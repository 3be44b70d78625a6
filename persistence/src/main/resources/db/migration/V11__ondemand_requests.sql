-- vmpooler's on-demand requests (issue 16): VMs of named pools cloned for one caller, handed to it
-- when all of them run. A pool VM made for a request names it. Portable SQL (H2 and PostgreSQL).

create sequence ondemand_request_SEQ start with 1 increment by 50;

create table ondemand_request (
    id bigint not null,
    version bigint not null,
    request_id varchar(64) not null,
    owner varchar(64) not null,
    token varchar(32),
    created timestamp(6) with time zone not null,
    ready_at timestamp(6) with time zone,
    deleted_at timestamp(6) with time zone,
    failure varchar(2000),
    primary key (id),
    constraint ondemand_request_request_id unique (request_id)
);

create table ondemand_request_pool (
    request_id bigint not null,
    asked_as varchar(64) not null,
    pool varchar(64) not null,
    vm_count integer not null,
    primary key (request_id, asked_as),
    constraint ondemand_request_pool_request foreign key (request_id) references ondemand_request (id)
);

alter table pool_vm add column request_id bigint;

alter table pool_vm add constraint pool_vm_request foreign key (request_id) references ondemand_request (id);

create index pool_vm_request on pool_vm (request_id);
