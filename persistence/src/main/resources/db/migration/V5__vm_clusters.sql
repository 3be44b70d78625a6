-- Clusters of VMs (issue 17, Comet): a named group of VMs with a declared start order. Portable
-- SQL (H2 and PostgreSQL). A member is a VM's name; the VM itself stays libvirt's. No unique
-- (cluster_id, vm): a new order rewrites rows in place, and the service refuses duplicates.

create sequence vm_cluster_SEQ start with 1 increment by 50;

create table vm_cluster (
    id bigint not null,
    version bigint not null,
    name varchar(64) not null,
    description varchar(1000),
    created timestamp(6) with time zone not null,
    primary key (id),
    constraint vm_cluster_name unique (name)
);

create table vm_cluster_member (
    cluster_id bigint not null,
    start_position integer not null,
    vm varchar(64) not null,
    primary key (cluster_id, start_position),
    constraint vm_cluster_member_cluster foreign key (cluster_id) references vm_cluster (id)
);
