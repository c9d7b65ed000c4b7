namespace CatalogHub.Grains.Suppliers;

/// <summary><c>Hub:Scheduler</c>: whether schedule reminders start imports.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Hub:Scheduler";

    /// <summary>
    /// False: a schedule reminder that fires logs and starts nothing. The reminders themselves stay (they are
    /// the suppliers' data), so turning the scheduler back on needs no re-configuration.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
