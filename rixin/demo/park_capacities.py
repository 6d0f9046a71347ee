"""The capacity the library's projects declare in their parks (after the projects step)."""

from rixin.demo.parks import load_project_capacities as load

__all__ = ["load"]
