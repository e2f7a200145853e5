-- Settings an administrator changes at run time (issue 8, the Settings page): one typed row, always present.
-- A NULL column means "not set here": the instance name and the admin group then fall back to the server's
-- system properties (PORTCULLIS_INSTANCE_NAME, PORTCULLIS_ADMIN_GROUP), SMTP and LDAP are off.
-- Passwords are write-only through the API and the pages, and stored sealed with AES-256-GCM under the server's
-- secrets key file (SealedSecretConverter), never as typed.
CREATE TABLE instance_settings (
    id                       SMALLINT      PRIMARY KEY,
    instance_name            VARCHAR(64),
    admin_group              VARCHAR(64),
    smtp_host                VARCHAR(253),
    smtp_port                INTEGER,
    smtp_security            VARCHAR(8)    NOT NULL DEFAULT 'STARTTLS',
    smtp_username            VARCHAR(255),
    smtp_password            VARCHAR(1024),
    smtp_from                VARCHAR(254),
    ldap_url                 VARCHAR(1024),
    ldap_bind_dn             VARCHAR(1024),
    ldap_bind_password       VARCHAR(1024),
    ldap_user_base_dn        VARCHAR(1024),
    ldap_user_filter         VARCHAR(1024),
    ldap_username_attribute  VARCHAR(64),
    ldap_group_base_dn       VARCHAR(1024),
    ldap_group_filter        VARCHAR(1024),
    updated_at               TIMESTAMPTZ,
    updated_by               VARCHAR(255),
    CONSTRAINT instance_settings_single_row CHECK (id = 1),
    CONSTRAINT instance_settings_smtp_port_check CHECK (smtp_port BETWEEN 1 AND 65535),
    CONSTRAINT instance_settings_smtp_security_check CHECK (smtp_security IN ('NONE', 'STARTTLS', 'TLS'))
);
INSERT INTO instance_settings (id) VALUES (1);
