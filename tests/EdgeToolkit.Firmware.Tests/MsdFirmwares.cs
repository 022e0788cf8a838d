using EdgeToolkit.Firmware.Building;
using EdgeToolkit.Targets.Boards;

namespace EdgeToolkit.Firmware.Tests;

/// <summary>The control firmware for models/control-msd, built once per board for every test that runs it.</summary>
public sealed class MsdFirmwares : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, FirmwareBuildResult> _built = new();

    public FirmwareBuildResult Newton(string boardName)
    {
        lock (_built)
        {
            if (!_built.TryGetValue(boardName, out var r))
            {
                var board = BoardCatalog.FromRepository().Get(boardName);
                _built[boardName] = r = FirmwareBuilder.Build(new FirmwareBuildRequest
                {
                    ModelFolder = TestFiles.MsdModel, Board = board, OutputDir = _temp[boardName],
                });
            }
            return r;
        }
    }

    public void Dispose() => _temp.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MsdFirmwareCollection : ICollectionFixture<MsdFirmwares>
{
    public const string Name = "msd firmware";
}
