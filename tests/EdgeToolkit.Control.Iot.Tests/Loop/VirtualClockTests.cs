using EdgeToolkit.Control.Iot.Loop;

namespace EdgeToolkit.Control.Iot.Tests.Loop;

public class VirtualClockTests
{
    [Fact]
    public async Task Waiting_jumps_to_the_next_tick_and_time_spent_past_ticks_raises_each_boundary_once()
    {
        var clock = new VirtualClock(TimeSpan.FromMilliseconds(20));
        int boundaries = 0;
        clock.PeriodElapsed += () => boundaries++;

        await clock.WaitForNextTickAsync(CancellationToken.None);
        Assert.Equal(20, clock.Now.TotalMilliseconds);
        clock.Spend(TimeSpan.FromMilliseconds(50)); // past 40 and 60
        Assert.Equal((70, 3), (clock.Now.TotalMilliseconds, boundaries));
        await clock.WaitForNextTickAsync(CancellationToken.None); // the missed ticks: due at once
        Assert.Equal(70, clock.Now.TotalMilliseconds);
        await clock.WaitForNextTickAsync(CancellationToken.None);
        Assert.Equal((80, 4), (clock.Now.TotalMilliseconds, boundaries));
    }

    [Fact]
    public async Task A_cancelled_wait_throws()
    {
        var clock = new VirtualClock(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAsync<OperationCanceledException>(() => clock.WaitForNextTickAsync(new CancellationToken(true)).AsTask());
        Assert.Equal(TimeSpan.Zero, clock.Now);
    }
}
