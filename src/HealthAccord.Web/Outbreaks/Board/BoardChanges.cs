using System.Collections.Concurrent;
using System.Threading.Channels;

namespace HealthAccord.Web.Outbreaks.Board;

/// <summary>
/// Tells the live boards open in this process that an outbreak changed (an answer, the convening, the close), so they
/// re-read it at once. In-process only: with several instances behind a load balancer, a board learns of a change made
/// on another instance at its next periodic tick, when it re-reads the outbreak from the shared database anyway.
/// </summary>
public sealed class BoardChanges
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Channel<bool>, byte>> _watchers = new();

    /// <summary>A board's subscription: a signal each time the outbreak changes, several changes in a row coalesced into one.</summary>
    public sealed class Subscription(BoardChanges owner, int outbreakId, Channel<bool> channel) : IDisposable
    {
        public ChannelReader<bool> Changes => channel.Reader;

        public void Dispose()
        {
            if (owner._watchers.TryGetValue(outbreakId, out var set)) set.TryRemove(channel, out _);
        }
    }

    public Subscription Watch(int outbreakId)
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        _watchers.GetOrAdd(outbreakId, _ => new()).TryAdd(channel, 0);
        return new Subscription(this, outbreakId, channel);
    }

    public void Publish(int outbreakId)
    {
        if (!_watchers.TryGetValue(outbreakId, out var set)) return;
        foreach (var channel in set.Keys) channel.Writer.TryWrite(true);
    }

    /// <summary>
    /// Publishes once the request has finished, which is after its change was committed (the API's writes commit in a
    /// filter around the handler), so a board re-reading at once sees it.
    /// </summary>
    public static void AfterCommit(HttpContext http, int outbreakId)
    {
        var changes = http.RequestServices.GetRequiredService<BoardChanges>();
        http.Response.OnCompleted(() =>
        {
            changes.Publish(outbreakId);
            return Task.CompletedTask;
        });
    }
}
