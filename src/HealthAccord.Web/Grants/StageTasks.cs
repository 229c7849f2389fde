using System.Runtime.ExceptionServices;

namespace HealthAccord.Web.Grants;

/// <summary>
/// Ending a pipeline of stage tasks (the import's, a rebuild's): waiting for every stage, then reporting the failure
/// that stopped them.
/// </summary>
internal static class StageTasks
{
    /// <summary>
    /// Completes when every stage has ended, whether it finished, failed or was cancelled, without throwing: the stages
    /// use what the caller commits or disposes next, so none may still be running when it does.
    /// </summary>
    public static Task AllEnded(IEnumerable<Task> stages) =>
        Task.WhenAll(stages).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// Rethrows, with its own stack trace, the first failure among the stages that is not a cancellation: a failing stage
    /// cancels the others, so their cancellations only follow from it.
    /// </summary>
    public static void ThrowFirstFailure(IEnumerable<Task> stages)
    {
        if (stages.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException) is { } failure)
            ExceptionDispatchInfo.Throw(failure);
    }
}
