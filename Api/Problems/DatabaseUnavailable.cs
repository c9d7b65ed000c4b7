using System.Net.Sockets;
using Npgsql;
using Orleans.Serialization;

namespace CatalogHub.Api.Problems;

/// <summary>
/// Whether an exception means "the database cannot be reached right now" (a restart, a failover, a network cut) rather
/// than a fault of the request or of the hub: such a request may simply be sent again, so the API answers 503 with
/// <c>Retry-After</c> (<see cref="DatabaseUnavailableExceptionHandler"/>) instead of 500.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>
    /// Drops every idle pooled connection, the hub's data source's and those of the Orleans ADO.NET providers (pooled by
    /// Npgsql per connection string), after the server dropped its connections (a restart, a failover). Npgsql does not
    /// test a pooled connection before handing it out, so each one the server closed would otherwise fail one later
    /// operation, however long after: a reminder registration 20 s after a restart answered a feed import 503.
    /// Connections in use are closed when they are returned.
    /// </summary>
    public static void ClearPools(NpgsqlDataSource dataSource)
    {
        dataSource.Clear();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Seconds a client is asked to wait: about what a PostgreSQL restart or failover takes.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// True when <paramref name="exception"/> or one of its inner exceptions (also those an Orleans storage or grain call
    /// wraps) is a connection failure: <see cref="SocketException"/>, a transient <see cref="NpgsqlException"/> (failed to
    /// connect, connection broken, timeout), or a server answer of class 08 (connection exception), 57P01–57P03 (the
    /// server shutting down or starting) or 53300 (too many connections). Serialization failures and deadlocks are
    /// transient too, but they are retried inside the hub and mean nothing about availability: not matched.
    /// Also matched: a grain call answered by another silo with an Npgsql exception, which Orleans cannot carry
    /// between silos (<see cref="CodecNotFoundException"/> naming an Npgsql type; the state is lost on the way). Grains
    /// turn expected database errors into results, so what escapes them raw is in practice the database going away.
    /// </summary>
    public static bool Matches(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    if (IsUnavailableState(postgres.SqlState))
                    {
                        return true;
                    }

                    break;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case CodecNotFoundException codec when codec.Message.Contains("Npgsql.", StringComparison.Ordinal):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 1:
                    return aggregate.InnerExceptions.Any(Matches);
            }
        }

        return false;
    }

    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
}
