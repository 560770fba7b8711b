namespace FaceCompat.Studies;

/// <summary>What one shard of a study did: its units, how many it computed (the rest were cached), and its estimated share of the work.</summary>
public sealed record StudyShardRun(StudyShard Shard, int Units, int Computed, int StudyUnits, double EstimatedShare);
