"""Runs a .tflite model through Arm NN's TFLite parser on its reference CPU backend (CpuRef).

usage: armnn_run.py MODEL --in FILE [--in FILE ...] --out FILE [--out FILE ...]
Each --in file holds one subgraph input's raw little-endian elements, in subgraph input order;
each --out file receives one output's, in subgraph output order. Exit 3 when pyarmnn is missing.
"""
import argparse
import sys

try:
    import numpy as np
    import pyarmnn as ann
except ImportError as e:  # the test skips with this message
    print(f"pyarmnn is not installed ({e}): apt-get install python3-pyarmnn libarmnn-cpuref-backend22 libarmnntfliteparser22", file=sys.stderr)
    sys.exit(3)


def main():
    args = argparse.ArgumentParser()
    args.add_argument("model")
    args.add_argument("--in", dest="inputs", action="append", default=[])
    args.add_argument("--out", dest="outputs", action="append", default=[])
    a = args.parse_args()

    parser = ann.ITfLiteParser()
    network = parser.CreateNetworkFromBinaryFile(a.model)
    input_names = parser.GetSubgraphInputTensorNames(0)
    output_names = parser.GetSubgraphOutputTensorNames(0)
    runtime = ann.IRuntime(ann.CreationOptions())
    optimized, _ = ann.Optimize(network, [ann.BackendId("CpuRef")], runtime.GetDeviceSpec(), ann.OptimizerOptions())
    network_id, _ = runtime.LoadNetwork(optimized)

    input_infos = [parser.GetNetworkInputBindingInfo(0, n) for n in input_names]
    feeds = []
    for info, path in zip(input_infos, a.inputs):
        data = np.fromfile(path, dtype=numpy_type(info[1].GetDataType()))
        feeds.append(data.reshape([info[1].GetShape()[i] for i in range(info[1].GetNumDimensions())]))
    output_infos = [parser.GetNetworkOutputBindingInfo(0, n) for n in output_names]
    input_tensors = ann.make_input_tensors(input_infos, feeds)
    output_tensors = ann.make_output_tensors(output_infos)
    runtime.EnqueueWorkload(network_id, input_tensors, output_tensors)
    for values, path in zip(ann.workload_tensors_to_ndarray(output_tensors), a.outputs):
        np.ascontiguousarray(values).tofile(path)


def numpy_type(armnn_type):
    return {
        ann.DataType_Float32: np.float32,
        ann.DataType_QAsymmS8: np.int8,
        ann.DataType_QSymmS8: np.int8,
        ann.DataType_QAsymmU8: np.uint8,
        ann.DataType_Signed32: np.int32,
    }[armnn_type]


if __name__ == "__main__":
    main()
