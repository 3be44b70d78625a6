-- The web console's one-time tickets (issue 18), shared by every server: the connect action on one
-- node issues a row, the WebSocket handshake on any node spends it by deleting it (one conditional
-- delete, so a ticket opens one console across all servers). Only the SHA-256 of the secret is kept.

create table console_ticket (
    secret_hash varchar(64) not null,
    vm varchar(255) not null,
    account varchar(255) not null,
    valid_to timestamp(6) with time zone not null,
    primary key (secret_hash)
);

create index console_ticket_valid_to
   on console_ticket (valid_to);
