-- Rows in every table of schema version 1 (release 0.1), in SQL that H2 and PostgreSQL both take:
-- what SchemaUpgradeTest upgrades and then expects to find unchanged. A table of version 1 without
-- a row here fails that test.
insert into account (id, version, name, nick, mail, password_hash, created)
    values (1, 3, 'alice', 'Alice', 'alice@example.org', 'pbkdf2$alice', timestamp with time zone '2026-01-02 03:04:05.123456+00');
insert into account (id, version, name, password_hash, created)
    values (2, 0, 'bob', 'pbkdf2$bob', timestamp with time zone '2026-02-03 04:05:06+00');
insert into access_key (id, owner, secret_hash, kind, created, expires, last_used, timeout_seconds)
    values ('k-session', 'alice', 'sha256$s', 'SESSION', timestamp with time zone '2026-03-01 10:00:00+00',
            null, timestamp with time zone '2026-03-01 10:05:00+00', 1800);
insert into access_key (id, owner, secret_hash, kind, created, expires)
    values ('k-token', 'bob', 'sha256$t', 'TOKEN', timestamp with time zone '2026-03-02 11:00:00+00',
            timestamp with time zone '2027-03-02 11:00:00+00');
insert into audit_event (id, time, result, actor, address, action, target, content)
    values (1, timestamp with time zone '2026-03-03 12:00:00+00', 'success', 'alice', '127.0.0.1', 'vm.start', 'vm:web1', '{"name":"web1"}');
insert into role (name, builtin, version) values ('operator', false, 1);
insert into role_permission (role_name, permission) values ('operator', 'vm.read');
insert into role_permission (role_name, permission) values ('operator', 'vm.manage');
insert into user_group (id, version, name, display) values (1, 0, 'ops', 'Operations');
insert into user_group_member (user_group_id, account_id) values (1, 2);
insert into user_group_role (user_group_id, role) values (1, 'operator');
insert into login_attempts (id, subject, failures, last_failure, last_success)
    values ('account:bob', 'bob', 2, timestamp with time zone '2026-03-04 08:00:00+00', null);
insert into task (id, version, operation, status, progress, owner, target_uri, message, audit_action, audit_target, created, updated)
    values (7, 2, 'vm.clone', 'RUNNING', 40, 'alice', '/api/vms/web1-clone', null, 'vm.clone', 'vm:web1',
            timestamp with time zone '2026-03-05 09:00:00+00', timestamp with time zone '2026-03-05 09:01:00+00');
insert into task (id, version, operation, status, progress, created, updated, message)
    values (8, 1, 'vm.delete', 'FAILED', 100, timestamp with time zone '2026-03-05 09:02:00+00',
            timestamp with time zone '2026-03-05 09:03:00+00', 'the VM web2 does not exist');
insert into task (id, version, operation, status, progress, created, updated)
    values (9, 1, 'volume.create', 'FINISHED', 100, timestamp with time zone '2026-03-05 09:04:00+00',
            timestamp with time zone '2026-03-05 09:05:00+00');
insert into template (id, version, name, os_distro, os_version, memory_mib, max_memory_mib, vcpus, max_vcpus,
                      sockets, cores, threads, graphics_type, graphics_listen, cdrom, icon, created)
    values (1, 0, 'tiny', 'debian', '12', 512, 1024, 1, 2, 1, 1, 1, 'vnc', '127.0.0.1', '/isos/debian.iso', null,
            timestamp with time zone '2026-03-06 07:00:00+00');
insert into template_disk (template_id, position, disk_index, pool, volume, size_gb, format)
    values (1, 0, 0, 'default', null, 10, 'qcow2');
insert into template_folder (template_id, position, component) values (1, 0, 'linux');
insert into template_network (template_id, position, network) values (1, 0, 'default');
insert into compute_pool (id, version, name, enabled, failover, network_mode, network, storage, created)
    values (1, 0, 'rack1', true, false, 'bridge', 'default', 'default', timestamp with time zone '2026-03-07 06:00:00+00');
insert into managed_host (id, version, name, uri, enabled, pool_id, created)
    values (1, 0, 'cell1', 'qemu+ssh://cell1/system', true, 1, timestamp with time zone '2026-03-07 06:01:00+00');
insert into batch (id, version, kind, owner, created)
    values (1, 0, 'create', 'alice', timestamp with time zone '2026-03-08 05:00:00+00');
insert into batch_item (batch_id, position, name, status, guest_id, task_id, error)
    values (1, 0, 'guest-a', 'created', 'g-1', 7, null);
insert into batch_item (batch_id, position, name, status, error)
    values (1, 1, 'guest-b', 'fail', 'no room on any cell');
insert into volume_upload (id, version, pool, volume, url, total_bytes, written_bytes, interrupted, created, updated)
    values (1, 4, 'default', 'disk.img', null, 1048576, 524288, true, timestamp with time zone '2026-03-09 04:00:00+00',
            timestamp with time zone '2026-03-09 04:01:00+00');
