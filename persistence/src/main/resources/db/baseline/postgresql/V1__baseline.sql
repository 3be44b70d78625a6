-- Vireo's schema version 1 on PostgreSQL: the baseline of ../h2/V1__baseline.sql (release 0.1's
-- schema, as Hibernate made it for H2) in PostgreSQL's words. The one difference: PostgreSQL has no
-- inline enum type, so access_key.kind and task.status are plain varchar(16) here, as they are on
-- every database from V2 on (which adds their check constraints on both). Release 0.1 shipped no
-- PostgreSQL driver: a PostgreSQL database starts empty and gets this file first (one made by hand
-- with hbm2ddl is adopted as version 1, like an H2 one). Keep the two alike; never edit either.

create sequence account_SEQ start with 1 increment by 50;

create sequence audit_event_SEQ start with 1 increment by 50;

create sequence batch_SEQ start with 1 increment by 50;

create sequence compute_pool_SEQ start with 1 increment by 50;

create sequence managed_host_SEQ start with 1 increment by 50;

create sequence task_SEQ start with 1 increment by 50;

create sequence template_SEQ start with 1 increment by 50;

create sequence user_group_SEQ start with 1 increment by 50;

create sequence volume_upload_SEQ start with 1 increment by 50;

create table access_key (
    timeout_seconds integer,
    created timestamp(6) with time zone not null,
    expires timestamp(6) with time zone,
    last_used timestamp(6) with time zone,
    id varchar(32) not null,
    owner varchar(64) not null,
    secret_hash varchar(64) not null,
    kind varchar(16) not null,
    primary key (id)
);

create table account (
    created timestamp(6) with time zone not null,
    id bigint not null,
    version bigint not null,
    name varchar(64) not null,
    nick varchar(200),
    mail varchar(254),
    password_hash varchar(400) not null,
    primary key (id),
    constraint account_name unique (name)
);

create table audit_event (
    id bigint not null,
    time timestamp(6) with time zone not null,
    result varchar(32) not null,
    actor varchar(64) not null,
    address varchar(64),
    action varchar(80) not null,
    target varchar(500),
    content varchar(2000),
    primary key (id)
);

create table batch (
    created timestamp(6) with time zone not null,
    id bigint not null,
    version bigint not null,
    kind varchar(16) not null,
    owner varchar(100),
    primary key (id)
);

create table batch_item (
    position integer not null,
    batch_id bigint not null,
    task_id bigint,
    status varchar(16) not null,
    guest_id varchar(64),
    error varchar(2000),
    name varchar(255),
    primary key (position, batch_id)
);

create table compute_pool (
    enabled boolean not null,
    failover boolean not null,
    created timestamp(6) with time zone not null,
    id bigint not null,
    network_mode varchar(8) not null,
    version bigint not null,
    name varchar(64) not null,
    network varchar(64),
    storage varchar(64),
    primary key (id),
    constraint compute_pool_name unique (name)
);

create table login_attempts (
    failures integer not null,
    last_failure timestamp(6) with time zone,
    last_success timestamp(6) with time zone,
    id varchar(80) not null,
    subject varchar(200) not null,
    primary key (id)
);

create table managed_host (
    enabled boolean not null,
    created timestamp(6) with time zone not null,
    id bigint not null,
    pool_id bigint,
    version bigint not null,
    name varchar(64) not null,
    uri varchar(1000) not null,
    primary key (id),
    constraint managed_host_name unique (name),
    constraint managed_host_uri unique (uri)
);

create table role (
    builtin boolean not null,
    version bigint not null,
    name varchar(64) not null,
    primary key (name)
);

create table role_permission (
    permission varchar(64) not null,
    role_name varchar(64) not null,
    primary key (permission, role_name)
);

create table task (
    progress integer not null,
    created timestamp(6) with time zone not null,
    id bigint not null,
    updated timestamp(6) with time zone not null,
    version bigint not null,
    audit_action varchar(80),
    operation varchar(80) not null,
    owner varchar(100),
    audit_target varchar(500),
    target_uri varchar(1000),
    message varchar(2000),
    status varchar(16) not null,
    primary key (id)
);

create table template (
    cores integer,
    max_memory_mib integer not null,
    max_vcpus integer not null,
    memory_mib integer not null,
    sockets integer,
    threads integer,
    vcpus integer not null,
    created timestamp(6) with time zone not null,
    graphics_type varchar(8),
    id bigint not null,
    version bigint not null,
    graphics_listen varchar(64),
    name varchar(64) not null,
    os_distro varchar(64),
    os_version varchar(64),
    cdrom varchar(1000),
    icon varchar(1000),
    primary key (id),
    constraint template_name unique (name)
);

create table template_disk (
    disk_index integer not null,
    position integer not null,
    size_gb integer,
    format varchar(8),
    template_id bigint not null,
    pool varchar(64) not null,
    volume varchar(255),
    primary key (position, template_id)
);

create table template_folder (
    position integer not null,
    template_id bigint not null,
    component varchar(64),
    primary key (position, template_id)
);

create table template_network (
    position integer not null,
    template_id bigint not null,
    network varchar(64),
    primary key (position, template_id)
);

create table user_group (
    id bigint not null,
    version bigint not null,
    name varchar(64) not null,
    display varchar(200),
    primary key (id),
    constraint user_group_name unique (name)
);

create table user_group_member (
    account_id bigint not null,
    user_group_id bigint not null,
    primary key (account_id, user_group_id)
);

create table user_group_role (
    user_group_id bigint not null,
    role varchar(64) not null,
    primary key (user_group_id, role)
);

create table volume_upload (
    interrupted boolean default false not null,
    created timestamp(6) with time zone not null,
    id bigint not null,
    total_bytes bigint not null,
    updated timestamp(6) with time zone not null,
    version bigint not null,
    written_bytes bigint not null,
    pool varchar(64) not null,
    volume varchar(64) not null,
    url varchar(2000),
    primary key (id),
    constraint volume_upload_volume unique (pool, volume)
);

create index access_key_owner
   on access_key (owner);

create index audit_event_time
   on audit_event (time);

create index task_status
   on task (status);

create index task_target
   on task (target_uri);

alter table if exists batch_item
   add constraint FKfgpknmrb9vjkspq7o0uhe6i0t
   foreign key (batch_id)
   references batch;

alter table if exists managed_host
   add constraint FKgbghp98buoh4xo5fiiyiqqf9x
   foreign key (pool_id)
   references compute_pool;

alter table if exists role_permission
   add constraint FKng6lj87lo2uxina096lfjpdlp
   foreign key (role_name)
   references role;

alter table if exists template_disk
   add constraint FKkvstbgc57mjybtrcf048o3hp3
   foreign key (template_id)
   references template;

alter table if exists template_folder
   add constraint FKkxgtq3f932cibv8fpm3s4ol8y
   foreign key (template_id)
   references template;

alter table if exists template_network
   add constraint FKaje8cl06ilgcl8ppul92m6lg3
   foreign key (template_id)
   references template;

alter table if exists user_group_member
   add constraint FKribj6lologgwa7p2tyhn1tfvm
   foreign key (account_id)
   references account;

alter table if exists user_group_member
   add constraint FKdx0s19tepv2djy8v9n6citn1s
   foreign key (user_group_id)
   references user_group;

alter table if exists user_group_role
   add constraint FKm6777nwlv7p57ngyrhritluxq
   foreign key (user_group_id)
   references user_group;
