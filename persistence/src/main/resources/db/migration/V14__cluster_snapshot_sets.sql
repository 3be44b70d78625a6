-- Snapshot sets of clusters (issue 17, Comet): one snapshot of every member taken as one named set,
-- reverted and deleted as a whole. A row per set; a row per member naming the VM's snapshot. The
-- snapshots themselves are libvirt's. Portable SQL (H2 and PostgreSQL).

create sequence vm_cluster_snapshot_SEQ start with 1 increment by 50;

create table vm_cluster_snapshot (
    id bigint not null,
    version bigint not null,
    cluster_id bigint not null,
    name varchar(64) not null,
    description varchar(1000),
    created timestamp(6) with time zone not null,
    primary key (id),
    constraint vm_cluster_snapshot_name unique (cluster_id, name),
    constraint vm_cluster_snapshot_cluster foreign key (cluster_id) references vm_cluster (id)
);

create table vm_cluster_snapshot_member (
    set_id bigint not null,
    member_position integer not null,
    vm varchar(64) not null,
    snapshot varchar(64) not null,
    primary key (set_id, member_position),
    constraint vm_cluster_snapshot_member_set foreign key (set_id) references vm_cluster_snapshot (id)
);
