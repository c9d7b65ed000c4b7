namespace CatalogHub.Grains.Suppliers;

/// <summary>Which schedule reminders a supplier should have: pure, so unit tests reach it.</summary>
public static class SupplierSchedules
{
    /// <summary>The modes that can be scheduled, with their reminder names.</summary>
    public static readonly IReadOnlyList<(DiscoveryMode Mode, string Reminder)> Reminders =
    [
        (DiscoveryMode.Delta, "schedule:delta"),
        (DiscoveryMode.FullSellable, "schedule:full_sellable"),
    ];

    /// <summary>The mode a reminder starts, or null when the name is not a schedule's.</summary>
    public static DiscoveryMode? ModeOf(string reminderName) =>
        Reminders.FirstOrDefault(r => r.Reminder == reminderName) is { Reminder: not null } r ? r.Mode : null;

    /// <summary>
    /// Reminder name → period for an active supplier with an adapter; none otherwise (a deactivated supplier or
    /// one without adapter keeps its schedule settings, but nothing fires).
    /// </summary>
    public static IReadOnlyDictionary<string, TimeSpan> Desired(SupplierConfig? supplier)
    {
        var desired = new Dictionary<string, TimeSpan>();
        if (supplier is not { Active: true, Adapter: not null })
        {
            return desired;
        }

        foreach (var (mode, reminder) in Reminders)
        {
            if (IsoDuration.TryParse(supplier.Schedule(mode), out var period))
            {
                desired[reminder] = period;
            }
        }

        return desired;
    }
}
