using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Api.Categories;

/// <summary>What a create or update did: the category (with its subtree) or why nothing was written.</summary>
public enum CategoryOutcome
{
    Done = 0,
    NotFound = 1,
    ParentNotFound = 2,
    UnderItself = 3,
    UnderOwnDescendant = 4,
}

/// <summary>The outcome of a create or update, and the category after it when <see cref="CategoryOutcome.Done"/>.</summary>
public sealed record CategoryWriteResult(CategoryOutcome Outcome, CategoryNode? Category = null);

/// <summary>Why a delete did or did not happen; <see cref="Count"/> is the number of children or products in the way.</summary>
public sealed record CategoryDeleteResult(CategoryDeleteOutcome Outcome, long Count = 0);

public enum CategoryDeleteOutcome
{
    Deleted = 0,
    NotFound = 1,
    HasChildren = 2,
    HasProducts = 3,
}

/// <summary>
/// The <c>categories</c> table. Every change of the tree (create, move, delete) runs in a transaction that
/// first takes one transaction-level advisory lock, so tree changes apply one at a time across all silos:
/// two opposite moves cannot both pass the cycle check, and a child created while its parent moves gets
/// the parent's new path. The lock is held for a few milliseconds; the tree is edited by people, rarely.
/// </summary>
public sealed class CategoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>The advisory lock key of tree changes ("category" in ASCII).</summary>
    public const long TreeLockKey = 0x63617465676f7279;

    private const string SelectRows = "SELECT id, name, parent_id FROM categories";

    /// <summary>The whole tree.</summary>
    public async Task<IReadOnlyList<CategoryNode>> TreeAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return CategoryTree.Build(await ReadRowsAsync(conn, null, SelectRows, null, ct));
    }

    /// <summary>One category and its subtree, or null when unknown.</summary>
    public async Task<CategoryNode?> SubtreeAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await SubtreeAsync(conn, null, id, ct);
    }

    /// <summary>Creates a category under <paramref name="parentId"/> (null: a root).</summary>
    public async Task<CategoryWriteResult> CreateAsync(string name, Guid? parentId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockTreeAsync(conn, tx, ct);
        string? parentPath = null;
        if (parentId is { } pid && (parentPath = await PathAsync(conn, tx, pid, ct)) is null)
        {
            return new CategoryWriteResult(CategoryOutcome.ParentNotFound);
        }

        var id = Guid.CreateVersion7();
        await using (var insert = new NpgsqlCommand("INSERT INTO categories (id, name, parent_id, path) VALUES ($1, $2, $3, $4)", conn, tx))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(name);
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)parentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            insert.Parameters.Add(new NpgsqlParameter { Value = CategoryPath.Of(parentPath, id), NpgsqlDbType = NpgsqlDbType.LTree });
            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return new CategoryWriteResult(CategoryOutcome.Done, new CategoryNode(id, name, parentId, []));
    }

    /// <summary>Renames and/or moves a category; a move rewrites the paths of its whole subtree in one statement.</summary>
    public async Task<CategoryWriteResult> UpdateAsync(Guid id, CategoryPatch patch, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockTreeAsync(conn, tx, ct);
        if (await PathAsync(conn, tx, id, ct) is not { } path)
        {
            return new CategoryWriteResult(CategoryOutcome.NotFound);
        }

        if (patch.Move)
        {
            string? parentPath = null;
            if (patch.ParentId is { } pid && (parentPath = await PathAsync(conn, tx, pid, ct)) is null)
            {
                return new CategoryWriteResult(CategoryOutcome.ParentNotFound);
            }

            switch (CategoryRules.CheckMove(id, path, patch.ParentId, parentPath))
            {
                case MoveCheck.UnderItself:
                    return new CategoryWriteResult(CategoryOutcome.UnderItself);
                case MoveCheck.UnderOwnDescendant:
                    return new CategoryWriteResult(CategoryOutcome.UnderOwnDescendant);
            }

            // Every path in the subtree keeps its part from the moved category down and gets the new
            // parent's path (empty at the root) in front.
            await using var move = new NpgsqlCommand("""
                UPDATE categories
                SET path = $2 || subpath(path, nlevel($1) - 1),
                    parent_id = CASE WHEN id = $3 THEN $4 ELSE parent_id END,
                    updated_at = CASE WHEN id = $3 THEN now() ELSE updated_at END
                WHERE path <@ $1
                """, conn, tx);
            move.Parameters.Add(new NpgsqlParameter { Value = path, NpgsqlDbType = NpgsqlDbType.LTree });
            move.Parameters.Add(new NpgsqlParameter { Value = parentPath ?? "", NpgsqlDbType = NpgsqlDbType.LTree });
            move.Parameters.AddWithValue(id);
            move.Parameters.Add(new NpgsqlParameter { Value = (object?)patch.ParentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            await move.ExecuteNonQueryAsync(ct);
        }

        if (patch.Name is not null)
        {
            await using var rename = new NpgsqlCommand("UPDATE categories SET name = $2, updated_at = now() WHERE id = $1", conn, tx);
            rename.Parameters.AddWithValue(id);
            rename.Parameters.AddWithValue(patch.Name);
            await rename.ExecuteNonQueryAsync(ct);
        }

        var after = await SubtreeAsync(conn, tx, id, ct);
        await tx.CommitAsync(ct);
        return new CategoryWriteResult(CategoryOutcome.Done, after);
    }

    /// <summary>Deletes a category that has no children and no products.</summary>
    public async Task<CategoryDeleteResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockTreeAsync(conn, tx, ct);
        await using (var check = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM categories WHERE parent_id = c.id),
                   (SELECT count(*) FROM products WHERE category_id = c.id)
            FROM categories c WHERE c.id = $1
            """, conn, tx))
        {
            check.Parameters.AddWithValue(id);
            await using var reader = await check.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return new CategoryDeleteResult(CategoryDeleteOutcome.NotFound);
            }

            var (children, products) = (reader.GetInt64(0), reader.GetInt64(1));
            if (children > 0)
            {
                return new CategoryDeleteResult(CategoryDeleteOutcome.HasChildren, children);
            }

            if (products > 0)
            {
                return new CategoryDeleteResult(CategoryDeleteOutcome.HasProducts, products);
            }
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM categories WHERE id = $1", conn, tx))
        {
            delete.Parameters.AddWithValue(id);
            try
            {
                await delete.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                // A product writer assigned the category after the check (product writes do not take the tree lock).
                return new CategoryDeleteResult(CategoryDeleteOutcome.HasProducts, 1);
            }
        }

        await tx.CommitAsync(ct);
        return new CategoryDeleteResult(CategoryDeleteOutcome.Deleted);
    }

    private static async Task LockTreeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({TreeLockKey})", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<string?> PathAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT path::text FROM categories WHERE id = $1", conn, tx);
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static async Task<CategoryNode?> SubtreeAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        var rows = await ReadRowsAsync(conn, tx, $"{SelectRows} WHERE path <@ (SELECT path FROM categories WHERE id = $1)", id, ct);
        return CategoryTree.Build(rows) is [var node] ? node : null;
    }

    private static async Task<List<CategoryRow>> ReadRowsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, Guid? id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        if (id is { } value)
        {
            cmd.Parameters.AddWithValue(value);
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<CategoryRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new CategoryRow(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2)));
        }

        return rows;
    }
}
