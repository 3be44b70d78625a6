-- Media (ISO) and disk (qcow2) images (issue 15): the catalogue. The bytes live in a volume of
-- the image store (a libvirt storage pool of the default host); a row says which, how many bytes
-- of an upload arrived and what the content's SHA-256 is. Portable SQL (H2 and PostgreSQL); kinds,
-- visibilities and states are varchar holding the enum's name.

create sequence image_SEQ start with 1 increment by 50;

create table image (
    id bigint not null,
    version bigint not null,
    public_id varchar(36) not null,
    kind varchar(8) not null,
    name varchar(64) not null,
    description varchar(1000),
    owner varchar(64) not null,
    group_name varchar(64),
    visibility varchar(8) not null,
    format varchar(16) not null,
    state varchar(16) not null,
    volume varchar(64) not null,
    size_bytes bigint not null,
    written_bytes bigint not null,
    expected_checksum varchar(64),
    checksum varchar(64),
    created timestamp(6) with time zone not null,
    modified timestamp(6) with time zone not null,
    primary key (id),
    constraint image_public_id unique (public_id),
    constraint image_volume unique (volume)
);

create index image_owner on image (owner);

create table image_tag (
    image_id bigint not null,
    tag varchar(64) not null,
    primary key (image_id, tag),
    constraint image_tag_image foreign key (image_id) references image (id)
);
