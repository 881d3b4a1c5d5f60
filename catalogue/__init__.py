"""The procedure catalogue: agencies, fields, life events and procedure pages."""
