-- The two columns that version 1 made as H2 enums (access_key.kind, task.status) become varchar(16)
-- with a check constraint on their values, the same on every database (Hibernate maps Java enums to
-- varchar everywhere: hibernate.type.prefer_native_enum_types is false in persistence.xml). H2 turns
-- each enum value into its name; on PostgreSQL the columns were varchar(16) from version 1 on, and
-- only the checks are new.
alter table access_key alter column kind set data type varchar(16);
alter table access_key add constraint access_key_kind_value check (kind in ('SESSION', 'TOKEN'));

alter table task alter column status set data type varchar(16);
alter table task add constraint task_status_value check (status in ('FAILED', 'FINISHED', 'RUNNING'));
