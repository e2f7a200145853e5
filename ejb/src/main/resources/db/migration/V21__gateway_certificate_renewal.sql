-- Certificates a gateway renewed over the control channel: which certificate each one replaces, and when the
-- gateway first connected with it (then the replaced one is revoked).
ALTER TABLE gateway_certificate ADD COLUMN replaces VARCHAR(40);
ALTER TABLE gateway_certificate ADD COLUMN first_used_at TIMESTAMP WITH TIME ZONE;
