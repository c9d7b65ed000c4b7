using Npgsql;

namespace CatalogHub.Grains.Outbox;

/// <summary>What became of one delivery group, to be recorded.</summary>
/// <param name="RetryDelay">The back-off before the next attempt when the outcome is a retryable failure.</param>
/// <param name="Version">The product version the delivery carried (product deliveries).</param>
public sealed record GroupResult(DeliveryGroup Group, DeliveryOutcome Outcome, TimeSpan RetryDelay, int? Version = null);

/// <summary>The outbox rows of one target: claims them for delivery and records what became of them.</summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>Claims the target's due events (and the other pending events of their products), leased for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<ClaimedEvent>> ClaimAsync(string target, int batchSize, TimeSpan lease, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(OutboxSql.Claim);
        cmd.Parameters.AddWithValue(target);
        cmd.Parameters.AddWithValue(batchSize);
        cmd.Parameters.AddWithValue(lease.TotalMilliseconds);
        var events = new List<ClaimedEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(new ClaimedEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetInt32(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8), reader.GetInt32(9), reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetString(13), reader.GetString(14), reader.IsDBNull(15) ? null : reader.GetString(15)));
        }

        return events;
    }

    /// <summary>
    /// Records a round's outcomes in one transaction: delivered events processed (with the Shopify ids returned and,
    /// for a customer, its pushing selections pushed), failed attempts counted and backed off or failed, and a target
    /// that is gone disabled.
    /// </summary>
    public async Task CompleteAsync(string target, IReadOnlyList<GroupResult> results, CancellationToken ct)
    {
        var delivered = results.Where(r => r.Outcome is DeliveryOutcome.Delivered).ToList();
        var failed = results.Where(r => r.Outcome is DeliveryOutcome.Failed).ToList();
        await using var batch = new NpgsqlBatch();
        if (delivered.Count > 0)
        {
            var events = delivered.SelectMany(r => r.Group.Events.Select(e => (e.Id, As: r.Group.Latest.Id))).ToList();
            Add(batch, OutboxSql.Processed, events.Select(e => e.Id).ToArray(), events.Select(e => e.As).ToArray());
            if (target.StartsWith("customer:", StringComparison.Ordinal) && Guid.TryParse(target["customer:".Length..], out var customer))
            {
                var pushed = delivered.Where(r => r.Version is not null && r.Group.Events.Any(e => e.EventType == "product.pushed")).ToList();
                if (pushed.Count > 0)
                {
                    Add(batch, OutboxSql.Pushed, customer, pushed.Select(r => r.Group.Latest.AggregateId).ToArray(), pushed.Select(r => r.Version!.Value).ToArray());
                }
            }
        }

        AddShopifyIds(batch, results);
        if (failed.Count > 0)
        {
            var events = failed.SelectMany(r => r.Group.Events.Select(e => (e.Id, Failure: (DeliveryOutcome.Failed)r.Outcome, r.RetryDelay))).ToList();
            Add(batch, OutboxSql.Failed,
                events.Select(e => e.Id).ToArray(),
                events.Select(e => e.Failure.Message).ToArray(),
                events.Select(e => e.Failure.Permanent || e.Failure.TargetGone).ToArray(),
                events.Select(e => e.RetryDelay.TotalMilliseconds).ToArray(),
                events.Select(e => !e.Failure.Unavailable).ToArray());
            if (failed.Select(r => (DeliveryOutcome.Failed)r.Outcome).FirstOrDefault(f => f.TargetGone) is { } gone)
            {
                Add(batch, OutboxSql.Gone, target, gone.Message);
            }
        }

        if (batch.BatchCommands.Count == 0)
        {
            return;
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        batch.Connection = conn;
        batch.Transaction = tx;
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>How long until the target next has something to do; null when it has no open events.</summary>
    public async Task<TimeSpan?> NextDueAsync(string target, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(OutboxSql.NextDue);
        cmd.Parameters.AddWithValue(target);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is TimeSpan due ? (due < TimeSpan.Zero ? TimeSpan.Zero : due) : null;
    }

    /// <summary>Configured targets that have events due now.</summary>
    public async Task<IReadOnlyList<string>> DueTargetsAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(OutboxSql.DueTargets);
        var targets = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            targets.Add(reader.GetString(0));
        }

        return targets;
    }

    /// <summary>The Shopify ids of delivered groups, and of failed ones whose <c>productSet</c> went through before the failure.</summary>
    private static void AddShopifyIds(NpgsqlBatch batch, IReadOnlyList<GroupResult> results)
    {
        var withIds = results
            .Select(r => (Product: r.Group.Latest.AggregateId, Ids: r.Outcome switch
            {
                DeliveryOutcome.Delivered d => d.Ids,
                DeliveryOutcome.Failed f => f.Ids,
                _ => null,
            }))
            .Where(x => x.Ids is not null)
            .OrderBy(x => x.Product) // product rows locked in id order, as the group commit does: no deadlock with it
            .ToList();
        if (withIds.Count == 0)
        {
            return;
        }

        Add(batch, OutboxSql.ShopifyProducts, withIds.Select(x => x.Product).ToArray(), withIds.Select(x => x.Ids!.ProductId).ToArray());
        var variants = withIds.SelectMany(x => x.Ids!.Variants.Select(v => (x.Product, v))).ToList();
        if (variants.Count > 0)
        {
            Add(batch, OutboxSql.ShopifyVariants,
                variants.Select(v => v.Product).ToArray(),
                variants.Select(v => v.v.Sku).ToArray(),
                variants.Select(v => v.v.VariantId).ToArray(),
                variants.Select(v => v.v.InventoryItemId).ToArray());
        }
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }
}
