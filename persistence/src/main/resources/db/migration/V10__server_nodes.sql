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

-- What several servers keep in memory and must forget together: a change bumps its generation in
-- the changing transaction; every server compares it with the generation its memory was read at.
create table shared_generation (
    name varchar(64) not null,
    generation bigint not null,
    primary key (name)
);

insert into shared_generation (name, generation) values ('accounts', 0);
