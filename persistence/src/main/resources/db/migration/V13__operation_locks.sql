-- Operation locks that hold across servers (issue 18): a row per locked target, claimed by
-- inserting it (the primary key lets one server win), deleted when the operation ends, and taken
-- over from a server node that stopped beating.

create table operation_lock (
    target_key varchar(1200) not null,
    host varchar(255),
    kind varchar(64) not null,
    name varchar(1024) not null,
    owner varchar(36) not null,
    holder varchar(512) not null,
    task bigint,
    node varchar(255) not null,
    acquired timestamp(6) with time zone not null,
    primary key (target_key)
);

create index operation_lock_owner
   on operation_lock (owner);

create index operation_lock_node
   on operation_lock (node);

-- The node that works a batch, and the node that fills a volume from a URL: a node that starts
-- ends only its own (and those from before this column), a survivor those of a silent node.
alter table batch add column node varchar(255);

alter table volume_upload add column node varchar(255);
