-- Address pools (issue 15, IPAM): pools of IPv4 addresses with internal and external ranges, the
-- addresses given to guest NICs, and the address pool a compute pool names. Portable SQL (H2 and
-- PostgreSQL). Addresses are kept as text and as numbers (to compare and order); the unique
-- (pool_id, address) of address_allocation is the last guard against giving one address twice.

create sequence address_pool_SEQ start with 1 increment by 50;
create sequence address_range_SEQ start with 1 increment by 50;
create sequence address_allocation_SEQ start with 1 increment by 50;

create table address_pool (
    id bigint not null,
    version bigint not null,
    name varchar(64) not null,
    gateway varchar(15) not null,
    created timestamp(6) with time zone not null,
    primary key (id),
    constraint address_pool_name unique (name)
);

create table address_pool_dns (
    pool_id bigint not null,
    dns_order integer not null,
    server varchar(15) not null,
    primary key (pool_id, dns_order),
    constraint address_pool_dns_pool foreign key (pool_id) references address_pool (id)
);

create table address_range (
    id bigint not null,
    pool_id bigint not null,
    kind varchar(8) not null,
    start_address varchar(15) not null,
    end_address varchar(15) not null,
    netmask varchar(15) not null,
    first_number bigint not null,
    last_number bigint not null,
    primary key (id),
    constraint address_range_pool foreign key (pool_id) references address_pool (id),
    constraint address_range_start unique (pool_id, kind, start_address)
);

create table address_allocation (
    id bigint not null,
    pool_id bigint not null,
    address varchar(15) not null,
    number bigint not null,
    instance varchar(64) not null,
    mac varchar(17),
    host varchar(64),
    network varchar(64),
    created timestamp(6) with time zone not null,
    primary key (id),
    constraint address_allocation_pool foreign key (pool_id) references address_pool (id),
    constraint address_allocation_address unique (pool_id, address)
);

create index address_allocation_instance on address_allocation (instance);

alter table compute_pool add column address_pool varchar(64);
