CREATE INDEX IF NOT EXISTS local_lpi_metadata_state_ix ON local_lpi_metadata (state);
