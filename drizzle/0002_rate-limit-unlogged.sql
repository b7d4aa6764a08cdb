-- Rate-limit counters skip the WAL: losing them in a crash only starts fresh windows.
ALTER TABLE "rate_limit_windows" SET UNLOGGED;
