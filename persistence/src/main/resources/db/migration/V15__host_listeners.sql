-- libvirt events of a host acted on by one server (issue 18): every server listens to every host
-- for its own cache, but only the host's listener, the node named here, writes what an event means
-- to the database. It renews its row on each heartbeat; another node takes a row over once it is
-- held past held_until (its node went silent).

create table host_listener (
    host varchar(255) not null,
    node varchar(255) not null,
    held_until timestamp(6) with time zone not null,
    primary key (host)
);

-- What libvirt reported about a VM (started, stopped, crashed, ...), recorded once by the host's listener.
create sequence vm_event_SEQ start with 1 increment by 50;

create table vm_event (
    id bigint not null,
    host varchar(255) not null,
    vm varchar(255) not null,
    kind varchar(32) not null,
    detail varchar(64),
    node varchar(255) not null,
    occurred timestamp(6) with time zone not null,
    primary key (id)
);

create index vm_event_host_vm
   on vm_event (host, vm, occurred);
