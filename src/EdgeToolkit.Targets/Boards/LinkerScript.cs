using System.Globalization;
using System.Text.RegularExpressions;
using EdgeToolkit.Graph;

namespace EdgeToolkit.Targets.Boards;

/// <summary>
/// The GNU ld script of a board, generated from its flash and RAM regions so that the real part's
/// sizes are enforced, and the translation of ld's overflow message into a user-facing error.
/// Symbols for startup.c: __data_load__/__data_start__/__data_end__, __bss_start__/__bss_end__,
/// __stack_limit__ (end of static RAM) and __stack_top__ (end of RAM).
/// </summary>
public static partial class LinkerScript
{
    public static string For(BoardDefinition board) => string.Create(CultureInfo.InvariantCulture, $$"""
        /* {{board.Name}}: {{board.Description}} (generated from hardware/{{board.Name}}.json) */
        MEMORY
        {
          FLASH (rx) : ORIGIN = 0x{{board.Flash.Origin:X8}}, LENGTH = {{board.Flash.Bytes}}
          RAM (rwx)  : ORIGIN = 0x{{board.Ram.Origin:X8}}, LENGTH = {{board.Ram.Bytes}}
        }
        ENTRY(Reset_Handler)
        SECTIONS
        {
          .text :
          {
            KEEP(*(.isr_vector))
            *(.text*)
            *(.rodata*)
            . = ALIGN(4);
          } > FLASH
          .ARM.exidx : { *(.ARM.exidx* .gnu.linkonce.armexidx.*) } > FLASH
          .data :
          {
            . = ALIGN(4);
            __data_start__ = .;
            *(.data*)
            . = ALIGN(4);
            __data_end__ = .;
          } > RAM AT > FLASH
          __data_load__ = LOADADDR(.data);
          .bss (NOLOAD) :
          {
            . = ALIGN(4);
            __bss_start__ = .;
            *(.bss*)
            *(COMMON)
            . = ALIGN(4);
            __bss_end__ = .;
          } > RAM
          end = __bss_end__;
          __stack_limit__ = __bss_end__;
          __stack_top__ = ORIGIN(RAM) + LENGTH(RAM);
          /* Leave at least 1 KB of stack, so a RAM-filling image fails here rather than at run time. */
          ASSERT(__stack_top__ - __stack_limit__ >= 1024, "region `RAM' leaves less than 1 KB for the stack")
        }

        """);

    [GeneratedRegex(@"region `(?<region>\w+)' overflowed by (?<bytes>\d+) bytes")]
    private static partial Regex OverflowPattern();

    /// <summary>The "does not fit" error for ld's output, or null when ld failed for another reason.</summary>
    public static EdgeToolkitException? OverflowError(string linkerOutput, BoardDefinition board)
    {
        var overflows = OverflowPattern().Matches(linkerOutput)
            .Select(m => (Region: m.Groups["region"].Value, Bytes: long.Parse(m.Groups["bytes"].Value, CultureInfo.InvariantCulture)))
            .DistinctBy(o => o.Region).ToList();
        if (overflows.Count == 0)
        {
            if (!linkerOutput.Contains("leaves less than 1 KB for the stack")) return null;
            return new EdgeToolkitException(ErrorKind.CheckFailed,
                $"model does not fit board {board.Name}: static RAM leaves less than 1 KB of its {board.Ram.Bytes} bytes for the stack",
                hint: "quantize to int8 or prune, or choose a board with more RAM (--board ...)");
        }
        var parts = overflows.Select(o =>
        {
            var has = o.Region == "FLASH" ? board.Flash.Bytes : board.Ram.Bytes;
            return $"{o.Region.ToLowerInvariant()} overflowed by {o.Bytes} bytes (needs {has + o.Bytes}, has {has})";
        });
        var what = overflows.Any(o => o.Region == "FLASH") ? "flash" : "RAM";
        return new EdgeToolkitException(ErrorKind.CheckFailed,
            $"model does not fit board {board.Name}: {string.Join("; ", parts)}",
            hint: $"quantize to int8 or prune, or choose a board with more {what} (--board ...)");
    }
}
