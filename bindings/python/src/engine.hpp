// The engine object behind vshop.Engine: the C++ Engine plus the lock that keeps Python threads
// to the C++ rules (const queries may run together; a command runs alone).
#pragma once

#include <pybind11/pybind11.h>

#include <mutex>
#include <shared_mutex>

#include "vshop/engine/engine.hpp"

namespace vshop::python {

namespace py = pybind11;

struct PyEngine {
  Engine engine;
  mutable std::shared_mutex mutex;

  // Exclusive access for a command. Waits without the GIL when another thread holds the
  // engine (a replay running with the GIL released), so that thread can finish.
  std::unique_lock<std::shared_mutex> exclusive() const { return wait_for<std::unique_lock>(); }
  // Shared access for a const query.
  std::shared_lock<std::shared_mutex> shared() const { return wait_for<std::shared_lock>(); }

 private:
  template <template <typename> class Lock>
  Lock<std::shared_mutex> wait_for() const {
    Lock<std::shared_mutex> lock(mutex, std::try_to_lock);
    if (!lock.owns_lock()) {
      py::gil_scoped_release release;
      lock.lock();
    }
    return lock;
  }
};

// Binds a const query without arguments whose answer pybind11 converts as it is (counts, id
// lists, report texts), holding the engine shared.
template <auto Method>
void def_plain_query(py::class_<PyEngine>& cls, const char* name, const char* doc) {
  cls.def(
      name,
      [](const PyEngine& self) {
        const auto lock = self.shared();
        return (self.engine.*Method)();
      },
      doc);
}

// Binds the classes and functions of each concept (one file each).
void bind_engine(py::module_& m, py::class_<PyEngine>& cls);  // commands, outputs, persistence
void bind_queries(py::class_<PyEngine>& cls);                 // expert, chat, ... settings
void bind_metrics(py::class_<PyEngine>& cls);                 // metrics, daily_metrics, reports
void bind_effects(py::module_& m);                            // vshop.Effect
void bind_enums(py::module_& m);                              // the enum.Enum mirrors
void bind_hours(py::module_& m);                              // vshop.Store
void bind_events(py::module_& m);                             // Validator, inspect

// The drained effects as a list of vshop.Effect objects.
py::list effects_to_list(std::vector<Effect>&& effects);

}  // namespace vshop::python
