using Orleans.Hosting;

namespace CatalogHub.Grains.Jobs;

/// <summary>
/// What the job grains (sync jobs, ingestion jobs) share about the reminder that keeps a running job's activation
/// and resumes it on another silo after a crash: its period, how to drop it, and how a deactivation waits for the
/// interrupted run.
/// </summary>
public static class JobKeepAlive
{
    /// <summary><paramref name="wanted"/>, but at least Orleans' minimum reminder period.</summary>
    public static TimeSpan Period(TimeSpan wanted, ReminderOptions reminders) =>
        wanted < reminders.MinimumReminderPeriod ? reminders.MinimumReminderPeriod : wanted;

    /// <summary>Unregisters the reminder <paramref name="name"/> of <paramref name="grain"/> when it has one.</summary>
    public static async Task DropAsync(Grain grain, string name)
    {
        if (await grain.GetReminder(name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Waits for a run that was told to stop, within the deactivation's time; out of time, the checkpoint written so
    /// far is what the resumed job continues from.
    /// </summary>
    public static async Task WaitStoppedAsync(Task run, CancellationToken cancellationToken)
    {
        try
        {
            await run.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the reminder resumes the job from its checkpoint.
        }
    }
}
