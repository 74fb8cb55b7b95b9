DETACH budgetwh_shard;
