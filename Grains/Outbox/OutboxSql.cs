namespace CatalogHub.Grains.Outbox;

/// <summary>The statements of a dispatcher round.</summary>
internal static class OutboxSql
{
    /// <summary>
    /// Claims up to $2 due events of target $1 in commit order — pending ones whose back-off is over, and processing
    /// ones whose lease ran out (their silo died mid-delivery) — together with every other pending event of the same
    /// products (coalesced into one delivery, whatever their back-off), and leases them for $3 milliseconds. Rows
    /// another transaction holds are skipped, never waited for.
    /// </summary>
    public const string Claim = """
        WITH due AS (
            SELECT id, aggregate_id FROM outbox_events
            WHERE target = $1 AND status IN ('pending', 'processing')
              AND CASE status WHEN 'pending' THEN next_attempt_at IS NULL OR next_attempt_at <= now() ELSE lease_until < now() END
            ORDER BY seq
            LIMIT $2
            FOR UPDATE SKIP LOCKED
        ), more AS (
            SELECT o.id FROM outbox_events o
            WHERE o.aggregate_id IN (SELECT aggregate_id FROM due) AND o.target = $1 AND o.status = 'pending'
              AND o.callback_key IS NULL AND o.id NOT IN (SELECT id FROM due)
            FOR UPDATE SKIP LOCKED
        ), claimed AS (
            UPDATE outbox_events o
            SET status = 'processing', lease_until = now() + $3 * interval '1 millisecond', updated_at = now()
            WHERE o.id IN (SELECT id FROM due UNION ALL SELECT id FROM more)
            RETURNING o.seq, o.id, o.aggregate_type, o.aggregate_id, o.aggregate_version, o.event_type, o.source_kind,
                      o.source_ref, o.created_at, o.attempts, o.max_attempts, o.callback_url, o.payload, o.catalog
        )
        SELECT c.seq, c.id, c.aggregate_type, c.aggregate_id, c.aggregate_version, c.event_type, c.source_kind,
               c.source_ref, c.created_at, c.attempts, c.max_attempts, c.callback_url, c.payload::text, j.kind,
               c.catalog, c.payload ->> 'key'
        FROM claimed c
        LEFT JOIN ingest_jobs j ON c.source_kind = 'ingest' AND j.id = CASE WHEN c.source_kind = 'ingest' THEN c.source_ref::bigint END
        ORDER BY c.seq
        """;

    /// <summary>Delivered: $1 event ids, $2 the event id each was delivered as (the latest of its group).</summary>
    public const string Processed = """
        UPDATE outbox_events o
        SET status = 'processed', processed_at = now(), updated_at = now(), attempts = o.attempts + 1,
            error_message = NULL, lease_until = NULL, next_attempt_at = NULL, delivered_as = x.delivered_as
        FROM unnest($1::uuid[], $2::uuid[]) AS x(id, delivered_as)
        WHERE o.id = x.id AND o.status = 'processing'
        """;

    /// <summary>
    /// A failed attempt: $1 ids, $2 messages, $3 permanent, $4 back-off in milliseconds, $5 whether the attempt counts
    /// (not when the target was unavailable). The event is failed when the failure is permanent or it has used its
    /// attempts; otherwise it waits for its back-off.
    /// </summary>
    public const string Failed = """
        UPDATE outbox_events o
        SET attempts = o.attempts + CASE WHEN x.counts THEN 1 ELSE 0 END, updated_at = now(), lease_until = NULL, error_message = x.message,
            status = CASE WHEN x.permanent OR (x.counts AND o.attempts + 1 >= o.max_attempts) THEN 'failed' ELSE 'pending' END,
            next_attempt_at = CASE WHEN x.permanent OR (x.counts AND o.attempts + 1 >= o.max_attempts) THEN NULL
                                   ELSE now() + x.delay_ms * interval '1 millisecond' END
        FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::float8[], $5::boolean[]) AS x(id, message, permanent, delay_ms, counts)
        WHERE o.id = x.id AND o.status = 'processing'
        """;

    /// <summary>Shopify's product ids ($1 products, $2 ids): kept so the next delivery updates instead of duplicating.</summary>
    public const string ShopifyProducts = """
        UPDATE products p SET shopify_product_id = x.shopify_id, sync_status = 'synced'
        FROM unnest($1::uuid[], $2::bigint[]) AS x(id, shopify_id)
        WHERE p.id = x.id AND (p.shopify_product_id IS DISTINCT FROM x.shopify_id OR p.sync_status IS DISTINCT FROM 'synced')
        """;

    /// <summary>Shopify's variant and inventory item ids by product ($1) and SKU ($2).</summary>
    public const string ShopifyVariants = """
        UPDATE variants v SET shopify_variant_id = x.variant_id, shopify_inventory_item_id = x.item_id
        FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[]) AS x(product_id, sku, variant_id, item_id)
        WHERE v.product_id = x.product_id AND v.sku = x.sku
          AND (v.shopify_variant_id IS DISTINCT FROM x.variant_id OR v.shopify_inventory_item_id IS DISTINCT FROM x.item_id)
        """;

    /// <summary>
    /// Pushes delivered to customer $1: its pushing selections of products $2 become pushed when the version delivered
    /// ($3) is at least the one pushed (a re-push of a later version waits for its own delivery).
    /// </summary>
    public const string Pushed = """
        UPDATE customer_selections s SET status = 'pushed', pushed_at = now()
        FROM unnest($2::uuid[], $3::int[]) AS x(product_id, version)
        WHERE s.customer_id = $1 AND s.product_id = x.product_id AND s.status = 'pushing' AND s.pushed_version <= x.version
        """;

    /// <summary>Target $1 answered that it is gone ($2 the reason): disable it and fail its open events.</summary>
    public const string Gone = """
        WITH t AS (
            UPDATE delivery_targets SET disabled_at = now(), disabled_reason = $2, updated_at = now() WHERE id = $1
        )
        UPDATE outbox_events SET status = 'failed', error_message = $2, lease_until = NULL, next_attempt_at = NULL, updated_at = now()
        WHERE target = $1 AND status = 'pending'
        """;

    /// <summary>When target $1 next has something to do: its earliest back-off end or lease end; null when nothing is open.</summary>
    public const string NextDue = """
        SELECT min(CASE status WHEN 'pending' THEN coalesce(next_attempt_at, now()) ELSE lease_until END) - now()
        FROM outbox_events WHERE target = $1 AND status IN ('pending', 'processing')
        """;

    /// <summary>
    /// Configured targets with events due now (the sweep after a lost wake-up). Events of targets nobody configured
    /// wait without being looked at, however many there are.
    /// </summary>
    public const string DueTargets = """
        SELECT t.id FROM (
            SELECT id FROM delivery_targets WHERE disabled_at IS NULL
            UNION ALL
            SELECT 'callback:' || id::text FROM api_keys -- a revoked key's callbacks are failed by its dispatcher
        ) t
        WHERE EXISTS (
            SELECT 1 FROM outbox_events o
            WHERE o.target = t.id AND o.status IN ('pending', 'processing')
              AND CASE o.status WHEN 'pending' THEN o.next_attempt_at IS NULL OR o.next_attempt_at <= now() ELSE o.lease_until < now() END)
        """;
}
