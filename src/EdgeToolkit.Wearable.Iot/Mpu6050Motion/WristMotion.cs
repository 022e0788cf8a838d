using System.Device.I2c;
using System.Numerics;
using Iot.Device.Imu;

namespace EdgeToolkit.Wearable.Iot.Mpu6050Motion;

/// <summary>
/// The wrist accelerometer: an MPU-6050 through Iot.Device.Imu.Mpu6050 at +-4 g (a running
/// wrist lands at 2-3 g). Readings are in g. The binding's constructor resets and wakes the chip
/// (it sleeps 2 x 100 ms for the power-up) and checks WHO_AM_I.
/// </summary>
public sealed class WristMotion : IDisposable
{
    // The binding scales by its own standard gravity; dividing by it gives g back exactly.
    private const float BindingGravity = 9.807f;
    private readonly Mpu6050 _imu;

    public WristMotion(I2cDevice device, AccelerometerRange range = AccelerometerRange.Range04G)
    {
        _imu = new Mpu6050(device) { AccelerometerRange = range };
    }

    public AccelerometerRange Range => _imu.AccelerometerRange;

    /// <summary>One sample of the three axes, in g.</summary>
    public Vector3 ReadG() => _imu.GetAccelerometer() / BindingGravity;

    public void Dispose() => _imu.Dispose();
}
