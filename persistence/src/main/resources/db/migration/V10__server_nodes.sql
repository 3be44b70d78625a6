-- Several servers (issue 18): each node's heartbeat, which its peers read to tell a live node from
-- a dead one, and the node that runs each task, so that a survivor ends the tasks of a dead node.

create table server_node (
    name varchar(255) not null,
    started timestamp(6) with time zone not null,
    heartbeat timestamp(6) with time zone not null,
    primary key (name)
);

alter table task add column node varchar(255);

create index task_node
   on task (node);
