-- Copies of disk images on the cells that need them (issue 15): a guest made from a disk image on
-- a cell other than the default host (where the image store is) gets a thin overlay on the cell's
-- copy of the image, made once per cell and storage pool, verified by its SHA-256 and reused by
-- later guests. Portable SQL (H2 and PostgreSQL).

create sequence image_copy_SEQ start with 1 increment by 50;

create table image_copy (
    id bigint not null,
    image_public_id varchar(36) not null,
    checksum varchar(64) not null,
    host varchar(64) not null,
    pool varchar(64) not null,
    volume varchar(128) not null,
    size_bytes bigint not null,
    created timestamp(6) with time zone not null,
    primary key (id),
    constraint image_copy_place unique (image_public_id, host, pool),
    constraint image_copy_image foreign key (image_public_id) references image (public_id)
);
